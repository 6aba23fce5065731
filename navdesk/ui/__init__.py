"""The Qt front end: widgets, item models and dialogs over the core use cases. Thin."""
