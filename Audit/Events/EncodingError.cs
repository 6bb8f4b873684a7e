namespace Audit.Events;

/// <summary>Why an audit record has no canonical encoding. Stable codes.</summary>
public enum EncodingError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>A required text field is empty, or the index is negative or beyond 2^53 − 1.</summary>
    InvalidField,

    /// <summary>The time has sub-millisecond precision.</summary>
    TimeNotWholeMilliseconds,

    /// <summary>A string holds an unpaired UTF-16 surrogate, which has no UTF-8 encoding.</summary>
    InvalidString,

    /// <summary>A detail value is a fractional or exponent-form number, or an integer beyond ±(2^53 − 1).</summary>
    UnsupportedNumber,

    /// <summary>A detail object repeats a member name.</summary>
    DuplicateKey,

    /// <summary>A detail is named like a secret (password, private key, token…).</summary>
    SecretLikeDetail,

    /// <summary>Details nest deeper than the limit.</summary>
    TooDeep,

    /// <summary>The encoding exceeds the size limit.</summary>
    TooLarge,
}
