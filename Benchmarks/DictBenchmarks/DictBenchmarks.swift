// Benchmarks: filled in by the vector-core and model issues.
