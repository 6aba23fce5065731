"""Small dialogs used from several screens (reason, snooze, quick contact)."""
