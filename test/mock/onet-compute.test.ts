// The OnetSolutions mock's compute operations over HTTP, through the public client: add-on activation
// (offer, price per billing cycle, credit first, payment), instance metadata, reactivation, console
// sessions, tasks on the mock's clock and image deletion, with every documented error status.
import { beforeEach, describe, expect, it } from "vitest";
import { IN_PERSONAL_PROJECT, IN_PROJECT, MISSING, SEED, raw, useOnetMock } from "../helpers/onet.js";

const START = Date.parse("2025-06-03T10:00:00Z");
let clock = START;
const { mock, client } = useOnetMock({ now: () => new Date(clock), expectOrders: true });
beforeEach(() => {
  mock().reset();
  clock = START;
});

const P = {
  instance: "/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{id}",
  activate: "/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{id}/addons/activate",
  unsuspend: "/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{id}/unsuspend",
  console: "/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{id}/console/{session_id}",
  task: "/v1/organizations/{organization_id}/projects/{project_id}/compute/tasks/{id}",
  nestedTask: "/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{instance_id}/tasks/{id}",
  image: "/v1/organizations/{organization_id}/projects/{project_id}/compute/images/{id}",
} as const;

type Cycle = "monthly" | "quarterly" | "semi_annually" | "annually" | "biennially" | "triennially";

function activate(id: string, body: { addon_id: string; billing_cycle?: Cycle }, scope: { organization_id: string; project_id: string } = IN_PROJECT) {
  return client().POST(P.activate, { params: { path: { ...scope, id } }, body });
}

async function activated(id: string, body: { addon_id: string; billing_cycle?: Cycle }, scope?: { organization_id: string; project_id: string }) {
  const { data, error, response } = await activate(id, body, scope);
  expect(response.status, JSON.stringify(error)).toBe(201);
  return data!;
}

/** The instance as the API shows it: an empty metadata update changes nothing and answers with it. */
async function instance(id: string = SEED.web01) {
  const { data } = await client().PUT(P.instance, { params: { path: { ...IN_PROJECT, id } }, body: {} });
  return data!;
}

function expectDetail(result: { error?: unknown; response: Response }, status: number, detail?: string | RegExp) {
  expect(result.response.status).toBe(status);
  const body = result.error as { detail: string };
  expect(Object.keys(body)).toEqual(["detail"]);
  if (detail instanceof RegExp) expect(body.detail).toMatch(detail);
  else if (detail !== undefined) expect(body.detail).toBe(detail);
}

function expectFields(result: { error?: unknown; response: Response }, fields: Record<string, string[]>) {
  expect(result.response.status).toBe(400);
  expect(result.error).toEqual(fields);
}

describe("activate an add-on: order amounts and credit", () => {
  it("orders the backup add-on monthly (the default cycle), paid in full from the 10.00 of credit", async () => {
    const order = await activated(SEED.web01, { addon_id: SEED.addonBackup });
    expect(order).toEqual({
      order_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      legacy_order_id: 52417,
      invoice_id: 90417,
      total: "4.99",
      amount_due: "0.00",
      credit_applied: "4.99",
      status: "paid",
      invoice_payment_url: null,
    });
  });

  it.each([
    ["monthly", "4.99"],
    ["quarterly", "14.47"],
    ["semi_annually", "27.94"],
    ["annually", "53.89"],
    ["biennially", "101.78"],
    ["triennially", "143.71"],
  ] as const)("charges the size's %s price of the add-on (%s), credit first", async (cycle, price) => {
    // The price the instance's size advertises for this cycle is the order's total.
    const link = (await instance()).size.available_addons.find((candidate) => candidate.addon.id === SEED.addonBackup)!;
    expect(link.pricing_options.find((option) => option.billing_cycle === cycle)?.price).toBe(price);
    const order = await activated(SEED.web01, { addon_id: SEED.addonBackup, billing_cycle: cycle });
    const totalCents = Math.round(Number(price) * 100);
    const credit = Math.min(totalCents, 1000);
    expect(order.total).toBe(price);
    expect(order.credit_applied).toBe((credit / 100).toFixed(2));
    expect(order.amount_due).toBe(((totalCents - credit) / 100).toFixed(2));
    expect(order.status).toBe(totalCents > credit ? "unpaid" : "paid");
    expect(order.invoice_payment_url).toBe(totalCents > credit ? `https://billing.onetsolutions.net/viewinvoice.php?id=${order.invoice_id}` : null);
  });

  it("uses credit first: in full, then what is left, then nothing", async () => {
    const full = await activated(SEED.web01, { addon_id: SEED.addonBackup });
    expect([full.total, full.credit_applied, full.amount_due, full.status]).toEqual(["4.99", "4.99", "0.00", "paid"]);
    const partial = await activated(SEED.web01, { addon_id: SEED.addonSnapshot, billing_cycle: "annually" });
    expect([partial.total, partial.credit_applied, partial.amount_due, partial.status]).toEqual(["25.00", "5.01", "19.99", "unpaid"]);
    const none = await activated(SEED.web02, { addon_id: SEED.addonSnapshot });
    expect([none.total, none.credit_applied, none.amount_due, none.status]).toEqual(["1.50", "0.00", "1.50", "unpaid"]);
    // Billing numbers go up by one per order.
    expect([full, partial, none].map((order) => [order.legacy_order_id, order.invoice_id])).toEqual([
      [52417, 90417],
      [52418, 90418],
      [52419, 90419],
    ]);
  });

  it("takes the size-addon link id as well as the addon id", async () => {
    const order = await activated(SEED.web01, { addon_id: SEED.linkMBackup, billing_cycle: "annually" });
    expect(order.total).toBe("53.89");
    expectDetail(await activate(SEED.web01, { addon_id: SEED.addonBackup }), 400, 'The addon "backup" is already active on this instance.');
  });

  it("orders a free add-on without an invoice", async () => {
    const order = await activated(SEED.web01, { addon_id: SEED.addonMonitoring });
    expect(order).toMatchObject({ invoice_id: null, total: "0.00", credit_applied: "0.00", amount_due: "0.00", status: "paid", invoice_payment_url: null });
    // The credit is untouched.
    expect((await activated(SEED.web01, { addon_id: SEED.addonBackup })).credit_applied).toBe("4.99");
  });
});

describe("activate an add-on: refusals", () => {
  it("refuses an add-on the instance's size does not offer (400) and charges nothing", async () => {
    // web-02 is a vps-s, which offers snapshots but not backups.
    const size = (await instance(SEED.web02)).size;
    expect(size.slug).toBe("vps-s");
    expect(size.available_addons.map((link) => link.addon.id)).toEqual([SEED.addonSnapshot]);
    expectDetail(await activate(SEED.web02, { addon_id: SEED.addonBackup }), 400, `The addon "backup" is not offered for the instance's size (vps-s).`);
    expect((await activated(SEED.web01, { addon_id: SEED.addonBackup })).credit_applied).toBe("4.99");
  });

  it("refuses a billing cycle the add-on has no active price for (400 on billing_cycle)", async () => {
    // The snapshot add-on's quarterly price exists but is inactive; it has no semi-annual price at all.
    for (const cycle of ["quarterly", "semi_annually"] as const) {
      expectFields(await activate(SEED.web01, { addon_id: SEED.addonSnapshot, billing_cycle: cycle }), {
        billing_cycle: [`The addon "snapshot" has no ${cycle} price for size vps-m.`],
      });
    }
  });

  it("refuses a second activation of the same add-on (400)", async () => {
    await activated(SEED.web01, { addon_id: SEED.addonBackup });
    expectDetail(await activate(SEED.web01, { addon_id: SEED.addonBackup, billing_cycle: "annually" }), 400, /already active/);
  });

  it("refuses an order that neither credit nor a payment method can pay (400); a free one still goes through", async () => {
    // lab-02's organization has no credit and no card.
    expectDetail(await activate(SEED.lab02, { addon_id: SEED.addonBackup }, IN_PERSONAL_PROJECT), 400, /no payment method/);
    const free = await activated(SEED.lab02, { addon_id: SEED.addonMonitoring }, IN_PERSONAL_PROJECT);
    expect(free.status).toBe("paid");
    // The refused add-on was not activated: it can still be ordered, and is refused for the same reason.
    expectDetail(await activate(SEED.lab02, { addon_id: SEED.addonBackup }, IN_PERSONAL_PROJECT), 400, /no payment method/);
  });

  it("refuses add-ons on a suspended instance (400)", async () => {
    expectDetail(await activate(SEED.web03, { addon_id: SEED.addonBackup }), 400, /suspended/);
  });

  it("answers invalid bodies with DRF field maps", async () => {
    const post = (body: unknown) => client().POST(P.activate, { params: { path: { ...IN_PROJECT, id: SEED.web01 } }, body: body as never });
    expectFields(await post({}), { addon_id: ["This field is required."] });
    expectFields(await post({ addon_id: "backup" }), { addon_id: ["Must be a valid UUID."] });
    expectFields(await post({ addon_id: SEED.addonBackup, billing_cycle: "weekly" }), { billing_cycle: ['"weekly" is not a valid choice.'] });
    expectFields(await post({ addon_id: 7, billing_cycle: "hourly" }), {
      addon_id: ["Not a valid string."],
      billing_cycle: ['"hourly" is not a valid choice.'],
    });
    expectFields(await post({ addon_id: MISSING }), { addon_id: [`Invalid pk "${MISSING}" - object does not exist.`] });
    expectFields(await post([SEED.addonBackup]), { non_field_errors: ["Invalid data. Expected a dictionary, but got list."] });
    const empty = await raw(
      mock().url,
      "POST",
      `/v1/organizations/${SEED.organization}/projects/${SEED.project}/compute/instances/${SEED.web01}/addons/activate`,
    );
    expect(empty).toMatchObject({ status: 400, body: { non_field_errors: ["No data provided"] } });
  });

  it("answers 404 for an unknown instance, one of another project, of another customer, or a non-UUID id", async () => {
    const body = { addon_id: SEED.addonBackup };
    expectDetail(await activate(MISSING, body), 404, "Not found.");
    expectDetail(await activate(SEED.lab02, body), 404, "Not found.");
    expectDetail(await activate(SEED.web01, body, IN_PERSONAL_PROJECT), 404, "Not found.");
    expectDetail(await activate(SEED.shop01, body, { organization_id: SEED.foreignOrganization, project_id: SEED.foreignProject }), 404, "Not found.");
    expectDetail(await activate("web-01", body), 404, "Not found.");
    expectDetail(await activate(SEED.web01, body, { organization_id: "1042", project_id: SEED.project }), 404, "Not found.");
  });
});

describe("replace instance metadata", () => {
  const put = (body: unknown, id: string = SEED.web01) => client().PUT(P.instance, { params: { path: { ...IN_PROJECT, id } }, body: body as never });

  it("changes name, description, tags and hostname and ignores the hardware ids", async () => {
    const { data, response } = await put({
      name: "web-01b",
      description: "",
      tags: ["blue"],
      hostname: "web-01b.atelier-lumiere.fr",
      size_id: SEED.sizeS,
      os_name: "arch",
      billing_cycle: "free",
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({
      id: SEED.web01,
      legacy_id: 48213,
      name: "web-01b",
      description: "",
      tags: ["blue"],
      hostname: "web-01b.atelier-lumiere.fr",
      status: "running",
    });
    expect(data!.size.id).toBe(SEED.sizeM);
    expect((await instance()).name).toBe("web-01b");
  });

  it("starts a change_hostname task when the hostname changes, and none otherwise", async () => {
    const renamed = (await put({ name: "front" })).data!;
    expect(renamed.last_task_id).toBeNull();
    const moved = (await put({ hostname: "front.atelier-lumiere.fr" })).data!;
    expect(moved.last_task_id).toEqual(expect.any(String));
    const { data: task } = await client().GET(P.task, { params: { path: { ...IN_PROJECT, id: moved.last_task_id! } } });
    expect(task).toMatchObject({
      task_type: "change_hostname",
      status: "pending",
      instance_id: SEED.web01,
      instance: { id: SEED.web01, name: "front" },
      parameters: { hostname: "front.atelier-lumiere.fr" },
      created_by: { id: SEED.user },
    });
    const same = (await put({ hostname: "front.atelier-lumiere.fr" })).data!;
    expect(same.last_task_id).toBe(moved.last_task_id);
  });

  it("answers invalid bodies with field maps, and unknown instances with 404", async () => {
    expectFields(await put({ name: "" }), { name: ["This field may not be blank."] });
    expectFields(await put({ name: 42, vpc_id: "vpc" }), { name: ["Not a valid string."], vpc_id: ["Must be a valid UUID."] });
    expectDetail(await put({ name: "x" }, MISSING), 404, "Not found.");
    expectDetail(await put({ name: "x" }, SEED.lab01), 404, "Not found.");
  });
});

describe("reactivate a suspended instance", () => {
  it("reactivates web-03, settles its 12.00 credit first, and starts it with a task", async () => {
    const { data, response } = await client().POST(P.unsuspend, { params: { path: { ...IN_PROJECT, id: SEED.web03 } } });
    expect(response.status).toBe(200);
    const reactivated = data!;
    expect(reactivated).toMatchObject({ id: SEED.web03, status: "running", last_task_id: expect.any(String) });
    const { data: task } = await client().GET(P.nestedTask, { params: { path: { ...IN_PROJECT, instance_id: SEED.web03, id: reactivated.last_task_id! } } });
    expect(task).toMatchObject({
      id: reactivated.last_task_id,
      task_type: "start_vps",
      instance_id: SEED.web03,
      status: "pending",
      started_at: null,
      completed_at: null,
    });
    // The 10.00 of credit went to the overdue 12.00 (the card paid the rest): the next order gets none.
    const order = await activated(SEED.web01, { addon_id: SEED.addonBackup });
    expect([order.credit_applied, order.amount_due]).toEqual(["0.00", "4.99"]);
    // Now active, it can take add-ons, and cannot be reactivated again.
    expect((await activated(SEED.web03, { addon_id: SEED.addonSnapshot })).total).toBe("2.50");
    expectDetail(await client().POST(P.unsuspend, { params: { path: { ...IN_PROJECT, id: SEED.web03 } } }), 400, "This instance is not suspended.");
  });

  it("refuses an instance that is not suspended, and an account without the funds (400), leaving it suspended", async () => {
    expectDetail(await client().POST(P.unsuspend, { params: { path: { ...IN_PROJECT, id: SEED.web01 } } }), 400, "This instance is not suspended.");
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expectDetail(
        await client().POST(P.unsuspend, { params: { path: { ...IN_PERSONAL_PROJECT, id: SEED.lab01 } } }),
        400,
        /credit or an active payment method/,
      );
    }
  });

  it("answers 404 for unknown and out-of-project instances", async () => {
    expectDetail(await client().POST(P.unsuspend, { params: { path: { ...IN_PROJECT, id: MISSING } } }), 404, "Not found.");
    expectDetail(await client().POST(P.unsuspend, { params: { path: { ...IN_PROJECT, id: SEED.lab01 } } }), 404, "Not found.");
  });
});

describe("console sessions", () => {
  it("returns the instance for a session of that instance, and 404 otherwise", async () => {
    const { data, response } = await client().GET(P.console, { params: { path: { ...IN_PROJECT, id: SEED.web01, session_id: SEED.consoleSession } } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({
      id: SEED.web01,
      name: "web-01",
      organization_id: SEED.organization,
      project_id: SEED.project,
      size: { id: SEED.sizeM, slug: "vps-m" },
    });
    expectDetail(await client().GET(P.console, { params: { path: { ...IN_PROJECT, id: SEED.web01, session_id: "nope" } } }), 404, "Not found.");
    expectDetail(await client().GET(P.console, { params: { path: { ...IN_PROJECT, id: SEED.web02, session_id: SEED.consoleSession } } }), 404, "Not found.");
    expectDetail(await client().GET(P.console, { params: { path: { ...IN_PROJECT, id: MISSING, session_id: SEED.consoleSession } } }), 404, "Not found.");
  });
});

describe("instance tasks", () => {
  const getTask = (id: string, scope: { organization_id: string; project_id: string } = IN_PROJECT) =>
    client().GET(P.task, { params: { path: { ...scope, id } } });

  it("reads the seeded task by both routes, moving from pending to running to completed on the mock's clock", async () => {
    const pending = (await getTask(SEED.task)).data!;
    expect(pending).toMatchObject({
      id: SEED.task,
      instance_id: SEED.web01,
      instance: { id: SEED.web01, name: "web-01" },
      task_type: "reboot_vps",
      status: "pending",
      started_at: null,
      completed_at: null,
      result: null,
    });
    expect(pending.created).toBe(new Date(START).toISOString());
    clock = START + 2_000;
    const running = (await getTask(SEED.task)).data!;
    expect(running).toMatchObject({ status: "running", started_at: "2025-06-03T10:00:02.000Z", completed_at: null, modified: "2025-06-03T10:00:02.000Z" });
    clock = START + 60_000;
    const nested = await client().GET(P.nestedTask, { params: { path: { ...IN_PROJECT, instance_id: SEED.web01, id: SEED.task } } });
    expect(nested.data).toMatchObject({
      status: "completed",
      started_at: "2025-06-03T10:00:02.000Z",
      completed_at: "2025-06-03T10:00:10.000Z",
      result: { success: true },
    });
    expect(nested.data).toEqual((await getTask(SEED.task)).data);
  });

  it("answers 404 for an unknown task, a task of another instance, or of another project", async () => {
    expectDetail(await getTask(MISSING), 404, "Not found.");
    expectDetail(await getTask(SEED.task, IN_PERSONAL_PROJECT), 404, "Not found.");
    expectDetail(await client().GET(P.nestedTask, { params: { path: { ...IN_PROJECT, instance_id: SEED.web02, id: SEED.task } } }), 404, "Not found.");
    expectDetail(await client().GET(P.nestedTask, { params: { path: { ...IN_PROJECT, instance_id: MISSING, id: SEED.task } } }), 404, "Not found.");
  });
});

describe("delete a private image", () => {
  const remove = (id: string) => client().DELETE(P.image, { params: { path: { ...IN_PROJECT, id } } });

  it("deletes a private image that no running instance uses (204, no body), then it is gone (404)", async () => {
    const deleted = await remove(SEED.imagePrivate);
    expect(deleted.response.status).toBe(204);
    expect(await deleted.response.text()).toBe("");
    expectDetail(await remove(SEED.imagePrivate), 404, "Not found.");
  });

  it("refuses an image in use (400), a public image (403) and unknown ones (404)", async () => {
    expectDetail(await remove(SEED.imageInUse), 400, /in use by running instances \(web-02\)/);
    expectDetail(await remove(SEED.imagePublic), 403, "You do not have permission to perform this action.");
    expectDetail(await remove(MISSING), 404, "Not found.");
    expectDetail(await client().DELETE(P.image, { params: { path: { ...IN_PERSONAL_PROJECT, id: SEED.imagePrivate } } }), 404, "Not found.");
  });
});
