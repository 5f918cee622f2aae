"""The street map under the schools: vector tiles kept in the pack, read without Qt.

``layers`` names the layers the pack builder writes and the map page draws (and at which zooms);
``store`` reads a pack's tiles and describes them (for ``catalogue info``, the self-test and the
map's URL scheme handler in ``navigator/gui/tile_scheme.py``).
"""
