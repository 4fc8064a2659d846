namespace MLOps.Core.Evaluation.Nab;

/// <summary>A window located in a data file: the indices of its first and last row, both inclusive.</summary>
public readonly record struct NabRowRange(int First, int Last)
{
    public int Width => Last - First + 1;

    public bool Contains(int row) => row >= First && row <= Last;
}
