// Chooses, over HTTP, the role a signed-in user with several roles works in: the one whose label names the service.
export async function chooseRoleOverHttp(baseUrl: string, cookie: string, serviceName: string): Promise<void> {
  const page = await (await fetch(`${baseUrl}/choose-role`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  // Each choice is a radio input followed by its label and a hint naming the service.
  const choice = page.split('name="grantId"').slice(1).map((chunk) => ({ id: /value="([^"]+)"/.exec(chunk)?.[1], text: chunk })).find((c) => c.id && c.text.includes(serviceName));
  if (!choice) throw new Error(`No role in ${serviceName} to choose`);
  const res = await fetch(`${baseUrl}/choose-role`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, grantId: choice.id!, next: '/' }).toString(),
  });
  if (res.status !== 303) throw new Error(`Choosing a role answered ${res.status}`);
}
