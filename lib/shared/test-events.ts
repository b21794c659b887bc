// Starting points for a signed test event, one per scheme (like `stripe trigger`, for every
// provider): a body in the provider's shape and the non-signature headers it sends. The owner may
// edit the body before sending; the signature headers are computed by the server.
import type { SchemeId } from "./signature-types";

export interface TestEventTemplate {
  /** Appended to the bin's capture URL or the target. */
  path: string;
  contentType: string;
  /** Headers besides Content-Type and the signature, in the provider's spelling. */
  headers: [string, string][];
  body: string;
}

const json = (path: string, body: unknown, headers: [string, string][] = []): TestEventTemplate => ({
  path,
  contentType: "application/json",
  headers,
  body: JSON.stringify(body, null, 2),
});

const EVENT_ID = "evt_test_0001";

export const TEST_EVENT_TEMPLATES: Record<SchemeId, TestEventTemplate> = {
  github: json("/github", { action: "opened", number: 1, repository: { full_name: "octo/demo" }, sender: { login: "octocat" } }, [
    ["X-GitHub-Event", "pull_request"],
    ["X-GitHub-Delivery", "00000000-0000-4000-8000-000000000001"],
    ["User-Agent", "GitHub-Hookshot/test"],
  ]),
  stripe: json("/stripe", {
    id: EVENT_ID,
    object: "event",
    type: "payment_intent.succeeded",
    data: { object: { id: "pi_test", amount: 1299, currency: "usd" } },
  }),
  slack: {
    path: "/slack",
    contentType: "application/x-www-form-urlencoded",
    headers: [],
    body: "token=test&team_id=T0001&command=%2Fweather&text=94070&user_id=U0001&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2Ftest",
  },
  shopify: json("/shopify", { id: 820982911946154500, email: "jon@example.com", total_price: "12.99", currency: "USD" }, [
    ["X-Shopify-Topic", "orders/create"],
    ["X-Shopify-Shop-Domain", "demo.myshopify.com"],
    ["X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"],
  ]),
  "standard-webhooks": json("/webhooks", { type: "invoice.paid", timestamp: "2026-01-01T00:00:00Z", data: { id: "inv_test" } }),
  svix: json("/svix", { type: "invoice.paid", data: { id: "inv_test" } }),
  clerk: json("/clerk", { object: "event", type: "user.created", instance_id: "ins_test", data: { id: "user_test" } }),
  resend: json("/resend", { type: "email.delivered", created_at: "2026-01-01T00:00:00.000Z", data: { email_id: "em_test", to: ["a@example.com"] } }),
  twilio: {
    path: "/twilio",
    contentType: "application/x-www-form-urlencoded",
    headers: [],
    body: "MessageSid=SM0001&AccountSid=AC0001&From=%2B15557654321&To=%2B15551234567&Body=STOP",
  },
  square: json("/square", { merchant_id: "M0001", type: "payment.updated", event_id: "e0001", data: { type: "payment", id: "P0001" } }),
  paddle: json("/paddle", { event_id: "evt_test", event_type: "transaction.completed", notification_id: "ntf_test", data: { id: "txn_test" } }),
  meta: json("/meta", { object: "page", entry: [{ id: "1", time: 1700000000, changes: [{ field: "feed", value: { item: "post" } }] }] }, [
    ["User-Agent", "facebookexternalua"],
  ]),
  zalo: json("/zalo", { app_id: "1234567890", event_name: "user_send_text", timestamp: "1700000000000", message: { text: "hello" } }),
  gitlab: json("/gitlab", { object_kind: "push", ref: "refs/heads/main", project: { path_with_namespace: "demo/app" } }, [["X-Gitlab-Event", "Push Hook"]]),
  discord: json("/discord", { type: 1, id: "interaction_test", application_id: "app_test" }),
  linear: json("/linear", { action: "create", type: "Issue", data: { id: "issue_test", title: "Test" }, webhookTimestamp: 0 }),
  intercom: json("/intercom", { type: "notification_event", topic: "conversation.user.created", data: { item: { id: "c_test" } } }, [
    ["User-Agent", "Intercom-Webhook-Client/1.0"],
  ]),
  zoom: json("/zoom", { event: "meeting.started", payload: { object: { id: "123456789" } } }),
  twitch: json("/twitch", { subscription: { type: "channel.follow", version: "2" }, event: { user_login: "viewer", broadcaster_user_login: "streamer" } }, [
    ["Twitch-Eventsub-Message-Type", "notification"],
  ]),
  hubspot: json("/hubspot", [{ eventId: 1, subscriptionType: "contact.creation", objectId: 123 }]),
  mailgun: json("/mailgun", { signature: { timestamp: "0", token: "", signature: "" }, "event-data": { event: "delivered", recipient: "a@example.com" } }),
  sendgrid: json("/sendgrid", [{ email: "a@example.com", event: "delivered", sg_event_id: "sg_test", timestamp: 1700000000 }]),
  typeform: json("/typeform", { event_id: "ev_test", event_type: "form_response", form_response: { form_id: "f_test", answers: [] } }),
  calendly: json("/calendly", { event: "invitee.created", payload: { email: "a@example.com", name: "Ada" } }),
  woocommerce: json("/woocommerce", { id: 727, status: "processing", total: "29.35", currency: "USD" }, [["X-WC-Webhook-Topic", "order.created"]]),
  bitbucket: json("/bitbucket", { push: { changes: [] }, repository: { full_name: "demo/app" } }, [
    ["X-Event-Key", "repo:push"],
    ["X-Request-UUID", "00000000-0000-4000-8000-000000000002"],
  ]),
  sentry: json("/sentry", { action: "created", data: { issue: { id: "1", title: "Test issue" } } }, [["Sentry-Hook-Resource", "issue"]]),
  vercel: json("/vercel", { id: "evt_test", type: "deployment.succeeded", payload: { deployment: { id: "dpl_test" } } }),
  telegram: json("/telegram", { update_id: 1, message: { message_id: 1, text: "/start", chat: { id: 1, type: "private" } } }),
  "generic-hmac": json("/generic", { event: "test", id: EVENT_ID }),
};
