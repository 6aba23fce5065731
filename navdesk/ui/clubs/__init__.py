"""The Jobbklubb screen (groups, samlinger, participants, attendance register) and its dialogs."""
