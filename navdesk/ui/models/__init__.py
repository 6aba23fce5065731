"""Qt item models over the plain rows the core use cases return."""
