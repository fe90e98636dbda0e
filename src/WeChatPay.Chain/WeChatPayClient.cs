using System;
using System.Collections.Generic;
using WeChatPay.Chain.Chain;
using WeChatPay.Chain.Http;

namespace WeChatPay.Chain
{
    /// <summary>
    /// The WeChat Pay APIv3 client: the URL is the call. <c>wxpay.V3.Pay.Transactions.Jsapi.PostAsync(body)</c>,
    /// <c>wxpay.Chain("v3/pay/transactions/jsapi").PostAsync(body)</c> and <c>wxpay["v3/pay/transactions/jsapi"].PostAsync(body)</c>
    /// are the same call: signed, sent, and its answer verified. One client is meant to live as long as the application.
    /// </summary>
    public sealed class WeChatPayClient : IDisposable
    {
        private readonly CallPipeline _pipeline;
        private readonly WeChatPayNode _root;

        /// <summary>Loads the keys once and checks the configuration.</summary>
        /// <exception cref="ArgumentException">An option is missing or wrong; the message names it and says what to fix (never the key itself).</exception>
        public WeChatPayClient(WeChatPayOptions options)
        {
            _pipeline = new CallPipeline(options);
            _root = new WeChatPayNode(_pipeline, PathTemplate.Root);
        }

        /// <summary>The APIv3 root: every member after it is a URL segment (<c>wxpay.V3.Papay.Sign.Contracts.PreEntrustSign</c>).</summary>
        public dynamic V3 => _root.Chain("v3");

        /// <summary>A path written as in the docs, e.g. <c>v3/papay/sign/contracts/pre-entrust-sign</c>; never case-mangled.</summary>
        /// <exception cref="ArgumentException">The path is empty or malformed.</exception>
        public WeChatPayNode this[string path] => _root.Chain(path);

        /// <summary>A path written as in the docs, e.g. <c>v3/papay/sign/contracts/pre-entrust-sign</c>; never case-mangled.</summary>
        /// <exception cref="ArgumentException">The path is empty or malformed.</exception>
        public WeChatPayNode Chain(string path) => _root.Chain(path);

        /// <summary>The documented operations whose path or title contains <paramref name="text"/> (case-insensitive), e.g. <c>预签约</c> or <c>pre-entrust</c>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        public IReadOnlyList<WeChatPayOperation> Search(string text) => WeChatPayOperation.Wrap(Catalog.OperationCatalog.Default.Search(text));

        /// <summary>The API base URL, ending with '/'.</summary>
        public string BaseUrl => _pipeline.BaseUrl;

        internal CallPipeline Pipeline => _pipeline;

        /// <summary>Releases the HTTP connections.</summary>
        public void Dispose() => _pipeline.Dispose();
    }
}
