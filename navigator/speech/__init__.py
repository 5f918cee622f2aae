"""Read aloud, without Qt: the words a listener hears (``listening.py``) and which voice speaks
each language on this computer (``voices.py``).  The GUI's button and the engine's thread are
``navigator.gui.read_aloud``."""
