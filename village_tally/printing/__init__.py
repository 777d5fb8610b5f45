"""Printing: the bulletin board, door signs, statements, tally sheets and blank paper forms."""
