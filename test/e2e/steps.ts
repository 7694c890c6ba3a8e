/** Steps several scenarios take the same way: the organization "Acme" with its event "Summit", its key, an attendee's panel. */
import type { Frame } from 'playwright-core';
import { NORDIC_SUMMIT_EVENT_ID, type createDemoData } from '../../src/demo';
import type { Workbench } from './workbench';

/** The Nordic Summit, and its first featured attendee (one who checked in) with the name the tree shows. */
export function featuredAttendee(data: ReturnType<typeof createDemoData>) {
  const summit = data.events.find((e) => e.id === NORDIC_SUMMIT_EVENT_ID)!;
  const people = data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!;
  const attendee = people.find((a) => a.id === data.featured.find((f) => f.eventId === NORDIC_SUMMIT_EVENT_ID)!.attendeeIds[0])!;
  return { summit, people, attendee, fullName: `${attendee.firstName} ${attendee.lastName}` };
}

/** brella.organizations with one organization, "Acme", whose one event "Summit" is the Nordic Summit (plus `event`). */
export function acmeOrganizations(organizationId: number, event: Record<string, unknown> = {}) {
  return [{ id: organizationId, name: 'Acme', events: [{ id: NORDIC_SUMMIT_EVENT_ID, name: 'Summit', start: '2023-05-10', end: '2023-05-14', ...event }] }];
}

/** Runs Set API Key… and waits for the notification that answers it (by default: the key of Acme works). */
export async function setApiKey(vs: Workbench, apiKey: string, answer: RegExp = /The API key of Acme works/): Promise<void> {
  await vs.runCommand('Brella: Set API Key…');
  await vs.answerInput(apiKey);
  await vs.waitForNotification(answer);
}

/** Opens the Brella side bar, sets Acme's key (see setApiKey) and expands the event "Summit". */
export async function openAcmeSummit(vs: Workbench, apiKey: string, answer?: RegExp): Promise<void> {
  await vs.openActivity('Brella');
  await setApiKey(vs, apiKey, answer);
  await vs.treeItem(/^Summit/).click();
}

/** Clicks the attendee in the tree: the frame of the slices panel it opens. */
export async function openAttendee(vs: Workbench, fullName: string): Promise<Frame> {
  await vs.treeItem(new RegExp(`^${fullName}`)).click();
  return vs.webviewFrame('#run');
}

/** Opens the demo organization from the Events view, then the event and the attendee: the slices panel's frame. */
export async function openDemoAttendee(vs: Workbench, eventName: string, fullName: string): Promise<Frame> {
  await vs.openActivity('Brella');
  await vs.view('Events').getByRole('button', { name: 'Open Demo Organization' }).click();
  await vs.treeItem(new RegExp(`^${eventName}`)).click();
  await vs.treeItem(new RegExp(`^${fullName}`)).click();
  await vs.page.getByRole('tab', { name: new RegExp(`Slices · ${fullName}`) }).waitFor();
  return vs.webviewFrame('#run');
}
