from pmtui.cli import script

script()
