namespace Platform.TimeStamping;

/// <summary>The time-stamp authority refused a token: its clock or key is unavailable now, or it is not hosted.</summary>
public sealed class TimeStampUnavailableException(string message) : Exception(message);
