using MLOps.Core.Training;
using MLOps.Modeling.Training;
using MLOps.Testing.Platform;

namespace MLOps.Modeling.Tests.Training;

[Collection(SimulatedFleetTraining.Collection)]
public sealed class ValidationScoreGridTests(SimulatedFleetTraining fleet)
{
    [Fact]
    public void Input_ValidationRows_EachScoreLandsInItsServiceAndMinuteAndGapsAreNaN()
    {
        var data = fleet.Data;
        var (_, rows) = data.Select(SplitPart.Validation);
        var grid = ValidationScoreGrid.Of(data, rows, TimeSpan.FromMinutes(1));
        var scores = rows.Select((_, i) => (double)i).ToArray();

        var input = grid.Input(scores, []);

        Assert.Equal(data.Services.Distinct().Order(StringComparer.Ordinal), input.Services);
        Assert.Equal(rows.Min(row => data.WindowEnds[row]), input.Start);
        Assert.All(Enumerable.Range(0, rows.Length), i =>
        {
            var service = input.Services.ToList().IndexOf(data.Services[rows[i]]);
            var window = (int)(data.WindowEnds[rows[i]] - input.Start).TotalMinutes;
            Assert.Equal((float)i, input.Scores[(service * input.Windows) + window]);
        });
        Assert.Equal((input.Services.Count * input.Windows) - rows.Length, input.Scores.Count(float.IsNaN));
    }

    [Fact]
    public void SmallestStep_MinuteTelemetry_IsOneMinute() =>
        Assert.Equal(TimeSpan.FromMinutes(1), ValidationScoreGrid.SmallestStep(fleet.Data));

    [Fact]
    public void Of_StepTheWindowsAreNotOn_RefusesNamingTheWindow()
    {
        var (_, rows) = fleet.Data.Select(SplitPart.Validation);

        var failure = Assert.Throws<ArgumentException>(() => ValidationScoreGrid.Of(fleet.Data, rows, TimeSpan.FromMinutes(7)));

        Assert.Contains("not a multiple of the alert policy's window step", failure.Message, StringComparison.Ordinal);
    }
}
