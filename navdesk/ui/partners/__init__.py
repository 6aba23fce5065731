"""The Samarbeid screen and its dialogs (partners, list washing with OT, employers, preventive work)."""
