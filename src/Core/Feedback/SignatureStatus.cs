namespace MLOps.Core.Feedback;

/// <summary>
/// The outcome of checking a webhook signature. Only <see cref="Valid"/> lets a request through; the others
/// say why not, so the endpoint can log the reason (never the secret or the signature) and answer accordingly.
/// </summary>
public enum SignatureStatus
{
    Valid,

    /// <summary>A header the scheme needs is absent or empty.</summary>
    Missing,

    /// <summary>A header is present but not in the scheme's format.</summary>
    Malformed,

    /// <summary>The request's timestamp is too far from now: a replayed capture, or a badly wrong clock.</summary>
    Stale,

    /// <summary>Well formed, but no configured secret produces that signature over this body.</summary>
    Mismatch,
}
