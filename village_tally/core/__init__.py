"""Pure core of Village Tally: points, names, rules, schemes, tally. No Qt, SQL, files or clock."""
