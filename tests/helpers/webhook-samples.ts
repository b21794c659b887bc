// Webhook deliveries written for these tests in the shape GitHub, Stripe and Shopify send them
// (field names and nesting as the providers document them; values made up here). Bodies are JSON
// text, not objects: Shopify's ids pass 2^53, which only the raw text keeps exact.

export interface WebhookSample {
  name: string;
  /** The event type Hookscope should name it. */
  eventType: string;
  headers: Record<string, string>;
  body: string;
}

const json = { "Content-Type": "application/json" };

const githubUser = (login: string, id: number) => ({
  login,
  id,
  node_id: `MDQ6VXNlcj${id}`,
  avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
  html_url: `https://github.com/${login}`,
  type: "User",
  site_admin: false,
});

const githubRepo = {
  id: 708123456,
  node_id: "R_kgDOKjQ1wA",
  name: "ledger-sync",
  full_name: "acme-labs/ledger-sync",
  private: false,
  owner: { ...githubUser("acme-labs", 90125511), type: "Organization" },
  html_url: "https://github.com/acme-labs/ledger-sync",
  description: "Keeps the books in step with the bank",
  fork: false,
  created_at: "2023-10-14T08:12:33Z",
  updated_at: "2026-11-28T17:40:02Z",
  pushed_at: "2026-11-30T09:01:15Z",
  default_branch: "main",
  stargazers_count: 41,
  open_issues_count: 7,
  topics: ["accounting", "sync"],
  visibility: "public",
};

function pullRequest(number: number, title: string, draft: boolean, body: string | null, labels: string[]) {
  return {
    action: "opened",
    number,
    pull_request: {
      url: `https://api.github.com/repos/acme-labs/ledger-sync/pulls/${number}`,
      id: 2001000000 + number,
      node_id: `PR_kwDOKjQ1wM5${number}`,
      html_url: `https://github.com/acme-labs/ledger-sync/pull/${number}`,
      number,
      state: "open",
      locked: false,
      title,
      user: githubUser("mira-k", 5512093),
      body,
      labels: labels.map((name, i) => ({ id: 6100000000 + i, name, color: "d73a4a", default: false })),
      created_at: "2026-11-30T09:01:15Z",
      updated_at: "2026-11-30T09:01:15Z",
      closed_at: null,
      merged_at: null,
      draft,
      head: { label: "mira-k:fix-rounding", ref: "fix-rounding", sha: "9f2c41d0b7e54a3c8a1f6e2d4b9c0a7e5f3d1b2c" },
      base: { label: "acme-labs:main", ref: "main", sha: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d" },
      additions: 38,
      deletions: 12,
      changed_files: 3,
    },
    repository: githubRepo,
    sender: githubUser("mira-k", 5512093),
  };
}

export const GITHUB_SAMPLES: WebhookSample[] = [
  {
    name: "github pull_request opened",
    eventType: "pull_request.opened",
    headers: {
      ...json,
      "X-GitHub-Event": "pull_request",
      "X-GitHub-Delivery": "7c1e4a50-8f0b-11ef-9d5e-2b1f3c4d5e6f",
      "User-Agent": "GitHub-Hookshot/a1b2c3d",
    },
    body: JSON.stringify(pullRequest(214, "Round ledger totals half-even", false, "Fixes #201: totals drifted by a cent.", ["bug"])),
  },
  {
    name: "github pull_request opened (draft, no description)",
    eventType: "pull_request.opened",
    headers: {
      ...json,
      "X-GitHub-Event": "pull_request",
      "X-GitHub-Delivery": "8d2f5b61-8f0b-11ef-9d5e-2b1f3c4d5e6f",
      "User-Agent": "GitHub-Hookshot/a1b2c3d",
    },
    body: JSON.stringify(pullRequest(215, "WIP: import camt.053 statements", true, null, [])),
  },
  {
    name: "github issues opened",
    eventType: "issues.opened",
    headers: { ...json, "X-GitHub-Event": "issues", "X-GitHub-Delivery": "9e3a6c72-8f0b-11ef-9d5e-2b1f3c4d5e6f" },
    body: JSON.stringify({
      action: "opened",
      issue: {
        id: 2700112233,
        number: 216,
        title: "Sync stops after a 429 from the bank",
        state: "open",
        user: githubUser("ops-bot", 77001122),
        labels: [],
        assignee: null,
        comments: 0,
        created_at: "2026-11-30T10:22:41Z",
        body: "Seen at 10:20 UTC, retry never fired.",
      },
      repository: githubRepo,
      sender: githubUser("ops-bot", 77001122),
    }),
  },
  {
    name: "github push",
    eventType: "push",
    headers: { ...json, "X-GitHub-Event": "push", "X-GitHub-Delivery": "af4b7d83-8f0b-11ef-9d5e-2b1f3c4d5e6f" },
    body: JSON.stringify({
      ref: "refs/heads/main",
      before: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d",
      after: "9f2c41d0b7e54a3c8a1f6e2d4b9c0a7e5f3d1b2c",
      created: false,
      deleted: false,
      forced: false,
      compare: "https://github.com/acme-labs/ledger-sync/compare/1a2b3c4d5e6f...9f2c41d0b7e5",
      commits: [
        {
          id: "9f2c41d0b7e54a3c8a1f6e2d4b9c0a7e5f3d1b2c",
          message: "Round totals half-even",
          timestamp: "2026-11-30T09:00:58+01:00",
          url: "https://github.com/acme-labs/ledger-sync/commit/9f2c41d0b7e54a3c8a1f6e2d4b9c0a7e5f3d1b2c",
          author: { name: "Mira K", email: "mira@acme-labs.example", username: "mira-k" },
          added: [],
          removed: [],
          modified: ["src/totals.ts", "test/totals.test.ts"],
        },
      ],
      pusher: { name: "mira-k", email: "mira@acme-labs.example" },
      repository: githubRepo,
      sender: githubUser("mira-k", 5512093),
    }),
  },
];

function stripeEvent(id: string, type: string, object: Record<string, unknown>, created: number) {
  return {
    id,
    object: "event",
    api_version: "2025-10-29.clover",
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: `req_${id.slice(4, 18)}`, idempotency_key: "b6f0e3a1-2c4d-4e5f-8a9b-0c1d2e3f4a5b" },
    type,
  };
}

const charge = (id: string, amount: number, status: string, email: string | null) => ({
  id,
  object: "charge",
  amount,
  amount_captured: amount,
  amount_refunded: 0,
  currency: "eur",
  customer: "cus_R7tLw2mQ8xZp1a",
  description: "Annual plan",
  captured: true,
  paid: true,
  refunded: false,
  status,
  receipt_email: email,
  receipt_url: `https://pay.stripe.com/receipts/payment/${id}`,
  payment_method_details: { type: "card", card: { brand: "visa", last4: "4242", exp_month: 8, exp_year: 2028, country: "DE" } },
  metadata: { order_id: "A-10442" },
});

export const STRIPE_SAMPLES: WebhookSample[] = [
  {
    name: "stripe charge.succeeded",
    eventType: "charge.succeeded",
    headers: { ...json, "Stripe-Signature": "t=1764496800,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd", "User-Agent": "Stripe/1.0" },
    body: JSON.stringify(
      stripeEvent("evt_3QaB12LkdIwHu7ix0m1Zq9Rt", "charge.succeeded", charge("ch_3QaB12LkdIwHu7ix0a8LmNpQ", 4900, "succeeded", "li@example.com"), 1764496800),
    ),
  },
  {
    name: "stripe charge.succeeded (no receipt email)",
    eventType: "charge.succeeded",
    headers: { ...json, "Stripe-Signature": "t=1764497100,v1=0c5f3e2d1b0a99887766554433221100ffeeddccbbaa99887766554433221100", "User-Agent": "Stripe/1.0" },
    body: JSON.stringify(
      stripeEvent("evt_3QaB9ZLkdIwHu7ix1c2Vb8Nw", "charge.succeeded", charge("ch_3QaB9ZLkdIwHu7ix1d4KpLrS", 12900, "succeeded", null), 1764497100),
    ),
  },
  {
    name: "stripe invoice.paid",
    eventType: "invoice.paid",
    headers: { ...json, "Stripe-Signature": "t=1764497400,v1=aa00bb11cc22dd33ee44ff5566778899aabbccddeeff00112233445566778899" },
    body: JSON.stringify(
      stripeEvent(
        "evt_1QaBC3LkdIwHu7ixqRSt2Uv3",
        "invoice.paid",
        {
          id: "in_1QaBC1LkdIwHu7ixW8xYz0Ab",
          object: "invoice",
          amount_due: 4900,
          amount_paid: 4900,
          currency: "eur",
          customer: "cus_R7tLw2mQ8xZp1a",
          customer_email: "li@example.com",
          hosted_invoice_url: "https://invoice.stripe.com/i/acct_1Nv0FGLkdIwHu7ix/test_YWNjdF8x",
          lines: {
            object: "list",
            data: [{ id: "il_1QaBC1LkdIwHu7ixAbCdEf01", amount: 4900, description: "1 × Annual plan", quantity: 1 }],
            has_more: false,
          },
          paid: true,
          status: "paid",
          period_start: 1764496800,
          period_end: 1796032800,
        },
        1764497400,
      ),
    ),
  },
  {
    name: "stripe customer.created",
    eventType: "customer.created",
    headers: { ...json, "Stripe-Signature": "t=1764497700,v1=11223344556677889900aabbccddeeff11223344556677889900aabbccddeeff" },
    body: JSON.stringify(
      stripeEvent(
        "evt_1QaBD4LkdIwHu7ixZyXw9Vu8",
        "customer.created",
        { id: "cus_R7tLw2mQ8xZp1a", object: "customer", email: "li@example.com", name: "Li Wei", created: 1764497690, livemode: false, metadata: {} },
        1764497700,
      ),
    ),
  },
];

const shopifyHeaders = (topic: string, webhookId: string) => ({
  ...json,
  "X-Shopify-Topic": topic,
  "X-Shopify-Shop-Domain": "north-wind-goods.myshopify.com",
  "X-Shopify-API-Version": "2025-10",
  "X-Shopify-Webhook-Id": webhookId,
  "X-Shopify-Hmac-Sha256": "q1YqW6m0h3b8tFvZ2dO9k1sXy4uR7eJ5pLcN0aGiHwM=",
});

// Shopify ids are 64-bit: written as number literals, past what a double holds exactly.
const shopifyOrder = (
  id: string,
  number: number,
  total: string,
  note: string | null,
  items: { id: string; title: string; sku: string; qty: number; price: string }[],
) =>
  `{"id":${id},"admin_graphql_api_id":"gid://shopify/Order/${id}","name":"#${number}","order_number":${number},"email":"jonas@example.org","created_at":"2026-11-30T11:04:52+01:00","currency":"EUR","financial_status":"paid","fulfillment_status":null,"total_price":"${total}","subtotal_price":"${total}","total_tax":"0.00","taxes_included":true,"note":${note === null ? "null" : JSON.stringify(note)},"tags":"","customer":{"id":7390211457231,"email":"jonas@example.org","first_name":"Jonas","last_name":"Berg","verified_email":true},"line_items":[${items
    .map(
      (item) =>
        `{"id":${item.id},"title":${JSON.stringify(item.title)},"sku":"${item.sku}","quantity":${item.qty},"price":"${item.price}","requires_shipping":true,"product_id":8123456789012}`,
    )
    .join(
      ",",
    )}],"shipping_address":{"address1":"Torstraße 12","city":"Berlin","zip":"10119","country_code":"DE","latitude":52.5291,"longitude":13.4019},"order_status_url":"https://north-wind-goods.myshopify.com/73412/orders/5f1c/authenticate?key=9c2b"}`;

export const SHOPIFY_SAMPLES: WebhookSample[] = [
  {
    name: "shopify orders/create",
    eventType: "orders/create",
    headers: shopifyHeaders("orders/create", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"),
    body: shopifyOrder("9007199254740993123", 1042, "58.00", null, [
      { id: "15290312736847012", title: "Oak serving board", sku: "OSB-40", qty: 1, price: "58.00" },
    ]),
  },
  {
    name: "shopify orders/create (two items, a note)",
    eventType: "orders/create",
    headers: shopifyHeaders("orders/create", "c65668f5-cee0-4c48-9b60-c08e81cde154"),
    body: shopifyOrder("9007199254740995877", 1043, "91.50", "Gift wrap please", [
      { id: "15290312736847099", title: "Linen napkins (4)", sku: "LN-4", qty: 2, price: "16.75" },
      { id: "15290312736847100", title: "Oak serving board", sku: "OSB-40", qty: 1, price: "58.00" },
    ]),
  },
  {
    name: "shopify products/update",
    eventType: "products/update",
    headers: shopifyHeaders("products/update", "d76779a6-dff1-4d59-8c71-d19f92def265"),
    body: `{"id":8123456789012,"title":"Oak serving board","handle":"oak-serving-board","vendor":"North Wind","product_type":"Kitchen","status":"active","created_at":"2025-03-02T09:15:00+01:00","updated_at":"2026-11-30T11:10:03+01:00","published_at":"2025-03-02T09:20:00+01:00","tags":"oak, kitchen","variants":[{"id":44112233445566,"product_id":8123456789012,"title":"40 cm","price":"58.00","sku":"OSB-40","inventory_quantity":17,"weight":1.2,"weight_unit":"kg"}],"images":[{"id":36001122334455,"src":"https://cdn.shopify.com/s/files/1/0734/products/osb-40.jpg?v=1709367300","width":2048,"height":1365}]}`,
  },
];

export const ALL_SAMPLES: WebhookSample[] = [...GITHUB_SAMPLES, ...STRIPE_SAMPLES, ...SHOPIFY_SAMPLES];
