'use strict';

// One call, as a script on the Node SDK (wechatpay-axios-plugin) writes it: a client on the merchant key and the platform
// public key (public-key mode: the key under its PUB_KEY_ID_ id), the seed body through the chain, a field of the verified
// answer read, exit. The transport is an axios adapter that answers in process with the answer the harness signed (the
// file), as the C# children's handlers do; the SDK's own response verifier (a transformResponse step) checks its headers,
// clock and signature as it does in production, and a failed check rejects the call.
// Usage: node one-call.js <merchant_key.pem> <platform_pub.pem> <answer.json>
// Prints: COLD node <total ms> <construct ms> <first call ms> 0 0 (no JIT counters in Node).

const { performance } = require('perf_hooks');

const started = performance.now();
const { readFileSync } = require('fs');
const { resolve } = require('path');
const { Wechatpay } = require('wechatpay-axios-plugin');

const [merchantKeyFile, platformPublicKeyFile, answerFile] = process.argv.slice(2);
if (!merchantKeyFile || !platformPublicKeyFile || !answerFile) {
  console.error('usage: node one-call.js <merchant_key.pem> <platform_pub.pem> <answer.json>');
  process.exit(2);
}

// The answer the harness signed: {"body": "...", "headers": {...}}, returned as a 200 with its headers and the raw body.
const answer = JSON.parse(readFileSync(answerFile, 'utf8'));
const cannedAnswer = async (config) => ({
  data: answer.body,
  status: 200,
  statusText: 'OK',
  headers: { 'Content-Type': 'application/json', ...answer.headers },
  config,
  request: { sent: config.data },
});

const wxpay = new Wechatpay({
  mchid: '1900000001',
  serial: '5D61E8146D1C1CF31D6A2847982DBA1FA53E5B24',
  privateKey: `file://${resolve(merchantKeyFile)}`,
  certs: { PUB_KEY_ID_0114232134912410000000000000: `file://${resolve(platformPublicKeyFile)}` },
  adapter: cannedAnswer,
});
const constructed = performance.now();

// The seed body of the C# children (test/WeChatPay.Chain.Benchmarks.InBox/SeedBody.cs).
const seedBody = {
  sign_scene: 'SIGN_SCENE_APP',
  appid: 'wxd678efh567hg6787',
  openid: 'oYobu0MVnQfWpSMOYJz2AHPG_gQw',
  plan_id: 12535,
  out_contract_code: 'wxwtdk20200910100000',
  contract_display_account: '微信代扣用户A',
  contract_notify_url: 'https://yourapp.com/notify',
  out_user_code: '用户A',
  return_url: 'https://yourapp.com/notify',
  device_info: {
    device_type: 'DEVICE_TYPE_UNKNOW',
    device_os: 'example_device_os',
    device_id: 'example_device_id',
    device_running_as_root: true,
    device_ip: 'example_device_ip',
    weixin_installed: true,
    weixin_version: 'example_weixin_version',
    days_since_first_login: 'DAYS_SINCE_FIRST_LOGIN_UNKNOW',
  },
};

wxpay.v3.papay.sign.contracts.preEntrustSign.post(seedBody)
  .then(({ data }) => {
    if (typeof data?.pre_entrustweb_id !== 'string') throw new Error('no pre_entrustweb_id');
    const done = performance.now();
    console.log(`COLD node ${(done - started).toFixed(2)} ${(constructed - started).toFixed(2)} ${(done - constructed).toFixed(2)} 0 0`);
  })
  .catch((error) => {
    console.error(`The call failed: ${error.code ? `${error.code}: ` : ''}${error.message}`);
    process.exitCode = 1;
  });
