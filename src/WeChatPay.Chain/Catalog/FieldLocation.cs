namespace WeChatPay.Chain.Catalog;

/// <summary>Where a sensitive field lives in a call.</summary>
internal enum FieldLocation
{
    /// <summary>The JSON request body (catalog prefix <c>json.</c>).</summary>
    Body,

    /// <summary>A query parameter (catalog prefix <c>query.</c>).</summary>
    Query,

    /// <summary>The <c>meta</c> JSON of a multipart upload (catalog prefix <c>body.</c>).</summary>
    Multipart,

    /// <summary>The JSON answer body (no prefix in the catalog).</summary>
    Answer,

    /// <summary>The decrypted resource of a callback (catalog prefix <c>body.resource.ciphertext.</c>).</summary>
    CallbackResource,
}
