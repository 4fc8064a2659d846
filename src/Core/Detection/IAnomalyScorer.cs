namespace MLOps.Core.Detection;

/// <summary>
/// The contract every detector serves, supervised or not: a score in [0, 1] for each row of a
/// row-major feature block, higher meaning more likely an incident.
/// </summary>
public interface IAnomalyScorer
{
    /// <summary>Features per row.</summary>
    int Width { get; }

    /// <summary>Scores <c>rows.Length / Width</c> rows into the start of <paramref name="scores"/>.</summary>
    void ScoreBatch(float[] rows, float[] scores);
}
