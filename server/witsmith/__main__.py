import sys

from witsmith.cli import main

sys.exit(main())
