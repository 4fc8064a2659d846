namespace MLOps.Core.Features;

/// <summary>
/// The values of a sliding window kept in ascending order, for the rolling median and MAD.
/// </summary>
/// <remarks>
/// Insert and remove find their position by binary search (O(log w)) and shift the tail with one memmove
/// (O(w) element moves, but contiguous and for w &lt;= 60 a few cache lines). The median is then O(1) and the
/// MAD O(log w) as the middle of two sorted deviation sequences. Two heaps would give O(log w) updates, but
/// they cannot produce the MAD, which needs order statistics of |x - median| — a sorted window gives both.
/// </remarks>
internal sealed class SortedWindow(int capacity)
{
    /// <summary>The 1.4826 factor makes the MAD a consistent estimator of the standard deviation for normal data.</summary>
    public const double NormalConsistency = 1.4826;

    private readonly double[] _values = new double[capacity];

    public int Count { get; private set; }

    public double Min => _values[0];

    public double Max => _values[Count - 1];

    public void Clear() => Count = 0;

    public void Insert(double value)
    {
        var live = _values.AsSpan(0, Count);
        var at = live.BinarySearch(value);
        if (at < 0)
        {
            at = ~at;
        }

        live[at..].CopyTo(_values.AsSpan(at + 1));
        _values[at] = value;
        Count++;
    }

    public void Remove(double value)
    {
        var live = _values.AsSpan(0, Count);
        var at = live.BinarySearch(value);
        if (at < 0)
        {
            throw new InvalidOperationException($"Value {value} is not in the window.");
        }

        live[(at + 1)..].CopyTo(live[at..]);
        Count--;
    }

    public double Median()
    {
        var half = Count / 2;
        return (Count & 1) == 1 ? _values[half] : (_values[half - 1] + _values[half]) / 2;
    }

    /// <summary>Median absolute deviation from <paramref name="median"/>, which must be this window's median.</summary>
    public double MedianAbsoluteDeviation(double median)
    {
        // The deviations form two ascending sequences: A[i] = median - v[half-1-i] walking left from the middle and
        // B[j] = v[half+j] - median walking right. The middle deviation(s) of their merge are found by binary search
        // over how many of the smallest `taken` come from A (k-th of two sorted arrays), O(log w).
        var n = Count;
        var half = n / 2;
        var lengthA = half;
        var lengthB = n - half;
        var taken = half + 1;
        var low = Math.Max(0, taken - lengthB);
        var high = Math.Min(taken, lengthA);
        int i, j;
        while (true)
        {
            i = (low + high) / 2;
            j = taken - i;
            if (i > 0 && j < lengthB && A(half, i - 1, median) > B(half, j, median))
            {
                high = i - 1;
            }
            else if (j > 0 && i < lengthA && B(half, j - 1, median) > A(half, i, median))
            {
                low = i + 1;
            }
            else
            {
                break;
            }
        }

        var lastA = i > 0 ? A(half, i - 1, median) : double.NegativeInfinity;
        var lastB = j > 0 ? B(half, j - 1, median) : double.NegativeInfinity;
        var middle = Math.Max(lastA, lastB);
        if ((n & 1) == 1)
        {
            return middle;
        }

        // Even count: the median of the deviations also needs the one just below, the runner-up of the taken.
        var belowMiddle = lastA >= lastB
            ? Math.Max(i > 1 ? A(half, i - 2, median) : double.NegativeInfinity, lastB)
            : Math.Max(j > 1 ? B(half, j - 2, median) : double.NegativeInfinity, lastA);
        return (belowMiddle + middle) / 2;
    }

    private double A(int half, int i, double median) => median - _values[half - 1 - i];

    private double B(int half, int j, double median) => _values[half + j] - median;
}
