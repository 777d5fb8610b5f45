"""Who the command-line tests sign in as: the commands that act as a signed-in person (DESIGN:
every writing command but init and demo, and export, statement and audit), and the test PIN."""

SIGNED = frozenset({"resident", "enter", "approve", "void", "close", "import", "export",
                    "statement", "area", "household", "person", "audit", "restore", "publish",
                    "object", "answer", "objections"})
PIN = "1234"
SECRETARY = "马书记"
