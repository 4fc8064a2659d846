using MLOps.Core.Detection;

namespace MLOps.Core.Tests.Detection;

public sealed class ParallelRowScoringTests
{
    [Fact]
    public void Score_BlockOfSeveralRanges_ScoresEveryRowIntoItsOwnSlot()
    {
        // 10,001 rows span three ranges, the last one partial; row i holds (i, 2i), the score is their sum.
        const int Rows = 10_001;
        var rows = new float[Rows * 2];
        for (var i = 0; i < Rows; i++)
        {
            rows[2 * i] = i;
            rows[(2 * i) + 1] = 2 * i;
        }

        var scores = new float[Rows];

        ParallelRowScoring.Score(rows, width: 2, scores, row => row[0] + row[1]);

        Assert.All(Enumerable.Range(0, Rows), i => Assert.Equal(3f * i, scores[i]));
    }

    [Fact]
    public void Score_OutputTooShort_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ParallelRowScoring.Score(new float[6], width: 2, new float[2], row => row[0]));
}
