using NUnit.Framework;

// Fixtures share nothing but the machine (each starts its own sandbox, Redis server, port and temporary files), so they
// run side by side: most of their time is spent waiting on loopback sockets and child processes. A fixture that touches
// process-wide state (environment variables, ActivitySource or Meter listeners) or measures time is [NonParallelizable].
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(3)]
