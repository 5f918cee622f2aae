"""Search over a catalogue pack: where the family lives, what they need, every school that fits."""
