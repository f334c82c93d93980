"""The data pool: organisations that learn together what none may learn alone —
how many customers two of them share (private set intersection, the server only
relays blinded values) and pooled, k-anonymous demand for programme planning."""
