/** The in-app QDevice wizard for one cluster; "remove" opens its removal flow. */
export function qdeviceSetupLink(clusterId: string, flow?: "remove"): string {
  const query = `cluster=${encodeURIComponent(clusterId)}${flow ? `&flow=${flow}` : ""}`;
  return `/setup/qdevice?${query}`;
}
