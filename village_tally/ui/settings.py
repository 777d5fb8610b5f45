"""What the program remembers between runs (QSettings): the last village and its name, language,
text size, the person who signed in last, the idle lock's minutes and window layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

KEY_LAST_DB = "village/last_db"
KEY_LANG = "view/lang"
KEY_LARGE = "view/large_text"
KEY_USER = "village/user"
KEY_IDLE = "village/idle_minutes"
IDLE_MINUTES = 10  # the screen locks itself after this many idle minutes (issue #11)
KEY_NAME = "village/name"
KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
KEY_TAB = "window/tab"
KEY_SPLITTER = "window/splitter"


class Settings:
    """Typed access to a QSettings store (tests pass their own ini file)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings("VillageTally", "VillageTally")

    def _text(self, key: str) -> str:
        value = self.store.value(key, "")
        return str(value) if value is not None else ""

    @property
    def last_db(self) -> str:
        return self._text(KEY_LAST_DB)

    @last_db.setter
    def last_db(self, value: str) -> None:
        self.store.setValue(KEY_LAST_DB, value)

    @property
    def lang(self) -> str:
        return self._text(KEY_LANG)

    @lang.setter
    def lang(self, value: str) -> None:
        self.store.setValue(KEY_LANG, value)

    @property
    def large_text(self) -> bool:
        return self._text(KEY_LARGE).lower() in ("true", "1")

    @large_text.setter
    def large_text(self, value: bool) -> None:
        self.store.setValue(KEY_LARGE, "true" if value else "false")

    @property
    def idle_minutes(self) -> int:
        """Minutes without a key or a click before the window locks itself (0: never)."""
        text = self._text(KEY_IDLE)
        return int(text) if text.isdigit() else IDLE_MINUTES

    @idle_minutes.setter
    def idle_minutes(self, value: int) -> None:
        self.store.setValue(KEY_IDLE, str(max(0, value)))

    def user_for(self, db: str) -> str:
        return self._text(f"{KEY_USER}/{_key(db)}")

    def set_user_for(self, db: str, user: str) -> None:
        self.store.setValue(f"{KEY_USER}/{_key(db)}", user)

    def village_name_for(self, db: str) -> str:
        """The village's name as last opened from this file: the title while it opens."""
        return self._text(f"{KEY_NAME}/{_key(db)}")

    def set_village_name_for(self, db: str, name: str) -> None:
        self.store.setValue(f"{KEY_NAME}/{_key(db)}", name)

    def layout(self) -> tuple[QByteArray | None, QByteArray | None, int]:
        geometry = self.store.value(KEY_GEOMETRY)
        state = self.store.value(KEY_STATE)
        tab = self._text(KEY_TAB)
        return (geometry if isinstance(geometry, QByteArray) else None,
                state if isinstance(state, QByteArray) else None,
                int(tab) if tab.isdigit() else 0)

    def save_layout(self, geometry: QByteArray, state: QByteArray | None = None,
                    tab: int | None = None) -> None:
        """What is None is left as it was remembered."""
        self.store.setValue(KEY_GEOMETRY, geometry)
        if state is not None:
            self.store.setValue(KEY_STATE, state)
        if tab is not None:
            self.store.setValue(KEY_TAB, str(tab))

    def splitter(self, name: str) -> QByteArray | None:
        """A splitter's saved state (QSplitter.saveState), by the splitter's object name."""
        state = self.store.value(f"{KEY_SPLITTER}/{name}")
        return state if isinstance(state, QByteArray) else None

    def save_splitter(self, name: str, state: QByteArray) -> None:
        self.store.setValue(f"{KEY_SPLITTER}/{name}", state)

    def sync(self) -> None:
        self.store.sync()


def _key(db: str) -> str:
    # QSettings keys cannot hold slashes meaningfully; a stable short form of the path.
    import hashlib

    return hashlib.sha1(db.encode("utf-8")).hexdigest()[:12]
