namespace MLOps.Core.Features;

/// <summary>
/// The values of a sliding window kept in ascending order, for the rolling median and MAD.
/// </summary>
/// <remarks>
/// Insert and remove find their position by binary search (O(log w)) and shift the tail with one memmove
/// (O(w) element moves, but contiguous and for w &lt;= 60 a few cache lines). The median is then O(1) and the
/// MAD O(w/2) by merging the deviations outward from the median. Two heaps would give O(log w) updates, but
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
        var at = Array.BinarySearch(_values, 0, Count, value);
        if (at < 0)
        {
            at = ~at;
        }

        Array.Copy(_values, at, _values, at + 1, Count - at);
        _values[at] = value;
        Count++;
    }

    public void Remove(double value)
    {
        var at = Array.BinarySearch(_values, 0, Count, value);
        if (at < 0)
        {
            throw new InvalidOperationException($"Value {value} is not in the window.");
        }

        Array.Copy(_values, at + 1, _values, at, Count - at - 1);
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
        // Elements left of the split are <= median and right of it >= median, so walking left downward and right
        // upward yields two ascending deviation sequences; merging them gives the deviations in order, and only
        // the middle one or two are needed.
        var n = Count;
        var left = (n / 2) - 1;
        var right = n / 2;
        var wanted = n / 2;
        var previous = 0.0;
        for (var k = 0; ; k++)
        {
            double next;
            if (right < n && (left < 0 || _values[right] - median <= median - _values[left]))
            {
                next = _values[right] - median;
                right++;
            }
            else
            {
                next = median - _values[left];
                left--;
            }

            if (k == wanted)
            {
                return (n & 1) == 1 ? next : (previous + next) / 2;
            }

            previous = next;
        }
    }
}
