namespace MLOps.Core.Paging;

/// <summary>Pages one on-call group received in one shift [<see cref="Start"/>, <see cref="End"/>); zero counts too.</summary>
public sealed record ShiftPages(string Group, DateTimeOffset Start, DateTimeOffset End, int Pages);
