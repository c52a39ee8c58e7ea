"""``python -m store``: the persona library's command line."""

import sys

from store.cli import main

sys.exit(main())
