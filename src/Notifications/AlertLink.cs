namespace MLOps.Notifications;

/// <summary>A link an alert carries to where on-call looks next.</summary>
public sealed record AlertLink(Uri Href, string Text);
