"""The frozen app's entry point: the same command line as `navigator` from source."""

import sys

from navigator.cli import main

if __name__ == "__main__":
    sys.exit(main())
