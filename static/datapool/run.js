// The overlap pages: read the CSV with FileReader, blind it here, send only blinded
// values. The file input has no name and is never part of a submitted form. The
// initiator's secret scalar stays in this browser (localStorage) until the run is
// finished; the server never sees it.
import * as psi from "./psi.js";

const KEY = (run) => `wirwerk-datapool-secret-${run}`;

function status(root, text, failed = false) {
  const box = root.querySelector("[data-psi-status]");
  box.textContent = text;
  box.classList.toggle("form-errors", failed);
}

// Blinding takes a few milliseconds per address: work in slices and yield to the
// page between them, so it stays responsive and the status can show the progress.
async function blindInSlices(root, secret, points, done = 0, total = points.length) {
  const out = [];
  for (let i = 0; i < points.length; i += 250) {
    out.push(...psi.blind(secret, points.slice(i, i + 250)));
    const share = Math.floor(((done + out.length) / total) * 100);
    root.querySelector("[data-psi-progress]").value = share;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return out;
}

function readCsv(input) {
  return new Promise((resolve, reject) => {
    const file = input.files[0];
    if (!file) return reject(new Error(input.dataset.missing));
    const reader = new FileReader();
    reader.onload = () => resolve(psi.addressesFromCsv(String(reader.result)));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

// The body is the raw blinded bytes (nothing else); the few choices ride in the URL.
async function post(root, url, params, bytes) {
  const token = root.querySelector("[name=csrfmiddlewaretoken]").value;
  const query = new URLSearchParams(params).toString();
  const response = await fetch(query ? `${url}?${query}` : url, {
    method: "POST",
    body: bytes,
    credentials: "same-origin",
    headers: { "X-CSRFToken": token, "Content-Type": "application/octet-stream" },
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error);
  return body;
}

async function fetchBytes(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(response.statusText);
  return new Uint8Array(await response.arrayBuffer());
}

function checkSize(root, addresses) {
  const minimum = Number(root.dataset.minimum);
  if (addresses.length < minimum) {
    throw new Error(root.dataset.tooFew.replace("%(size)s", addresses.length).replace("%(min)s", minimum));
  }
}

async function start(root) {
  const addresses = await readCsv(root.querySelector("[data-psi-file]"));
  checkSize(root, addresses);
  status(root, root.dataset.working.replace("%(size)s", addresses.length));
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const secret = psi.newSecret();
  const points = addresses.map((x) => psi.hashToU(x, salt));
  const message = psi.pack(psi.shuffled(await blindInSlices(root, secret, points)));
  const select = (name) => root.querySelector(`[name=${name}]`).value;
  const body = await post(
    root,
    root.dataset.endpoint,
    { initiator: select("initiator"), responder: select("responder"), salt: psi.toHex(salt) },
    message,
  );
  localStorage.setItem(KEY(body.run), psi.toHex(secret));
  window.location.assign(body.url);
}

async function answer(root) {
  const addresses = await readCsv(root.querySelector("[data-psi-file]"));
  checkSize(root, addresses);
  status(root, root.dataset.working.replace("%(size)s", addresses.length));
  const aBlinded = await fetchBytes(root.dataset.request);
  const secret = psi.newSecret();
  const salt = psi.fromHex(root.dataset.salt);
  const theirs = psi.unpack(aBlinded);
  const total = theirs.length + addresses.length;
  const ab = psi.pack(psi.shuffled(await blindInSlices(root, secret, theirs, 0, total)));
  const own = addresses.map((y) => psi.hashToU(y, salt));
  const bBlinded = psi.pack(
    psi.shuffled(await blindInSlices(root, secret, own, theirs.length, total)),
  );
  // A's values re-blinded, then B's own: the server splits at the length it sent.
  const both = new Uint8Array(ab.length + bBlinded.length);
  both.set(ab, 0);
  both.set(bBlinded, ab.length);
  await post(root, root.dataset.endpoint, {}, both);
  window.location.reload();
}

async function finish(root) {
  const secret = localStorage.getItem(KEY(root.dataset.run));
  if (!secret) {
    status(root, root.dataset.noKey, true);
    return;
  }
  status(root, root.dataset.working);
  const bBlinded = await fetchBytes(root.dataset.answer);
  const ba = psi.pack(
    psi.shuffled(await blindInSlices(root, psi.fromHex(secret), psi.unpack(bBlinded))),
  );
  await post(root, root.dataset.endpoint, {}, ba);
  localStorage.removeItem(KEY(root.dataset.run));
  window.location.reload();
}

function guarded(root, step) {
  return (event) => {
    if (event) event.preventDefault();
    const button = root.querySelector("button[type=submit]");
    if (button) button.setAttribute("aria-busy", "true");
    step(root).catch((error) => {
      status(root, error.message, true);
      if (button) button.removeAttribute("aria-busy");
    });
  };
}

for (const root of document.querySelectorAll("[data-psi]")) {
  const step = { start, answer, finish }[root.dataset.psi];
  if (root.dataset.psi === "finish") guarded(root, step)();
  else root.addEventListener("submit", guarded(root, step));
}
