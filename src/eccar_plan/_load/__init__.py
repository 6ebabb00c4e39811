"""The load pipeline: read files → validate → resolve against a catalogue (layer 2)."""
