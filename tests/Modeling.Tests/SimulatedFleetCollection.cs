using MLOps.Testing.Platform;

namespace MLOps.Modeling.Tests;

[CollectionDefinition(SimulatedFleetTraining.Collection)]
public sealed class SimulatedFleetCollection : ICollectionFixture<SimulatedFleetTraining>;
