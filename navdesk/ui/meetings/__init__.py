"""Meetings in the GUI: the meeting editor (:mod:`.editor`) and the Møteplan screen (:mod:`.plan`)."""
