"""Spreadsheets in and out: read xlsx/xls/ods (python-calamine) and CSV safely, write inert xlsx."""
