using MLOps.Worker.Temporal;

namespace MLOps.Worker.Tests.Temporal;

public class SearchAttributeRegistrarTests
{
    [Fact]
    public void ManualCommand_Namespace_RegistersAllFourKeywords() =>
        Assert.Equal(
            "temporal operator search-attribute create --namespace prod --name MlopsModel --type Keyword --name MlopsChampionVersion --type Keyword --name MlopsCandidateVersion --type Keyword --name MlopsStage --type Keyword",
            SearchAttributeRegistrar.ManualCommand("prod"));
}
