import sys

from pmtui.cli.commands import main

sys.exit(main())
