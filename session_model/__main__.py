import sys

from session_model.cli import main

sys.exit(main())
