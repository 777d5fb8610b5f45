"""The use cases: the one API that the command line and the desktop program call."""
