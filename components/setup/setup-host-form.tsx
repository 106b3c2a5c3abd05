"use client";

import { useEffect, useEffectEvent, useState } from "react";
import type { ReachabilityAnswer } from "@/lib/hooks/use-qdevice-setup-actions";
import { qnetdHostSchema } from "@/lib/surfaces/qdevice-setup-progress";

/** While a run is open, the qnetd host is re-checked this often, so the check follows the host. */
const RECHECK_MS = 10_000;

export interface HostFormProps {
  savedHost: string | null;
  /** The viewer may act: an admin of this cluster, on a run that is not finished. */
  canAct: boolean;
  hasRun: boolean;
  busy: boolean;
  checking: boolean;
  lastAnswer: ReachabilityAnswer | null;
  error: string | null;
  onSave: (host: string) => void;
  onCheck: (host: string) => void;
}

export function SetupHostForm(props: HostFormProps) {
  const { savedHost, canAct, hasRun, busy, checking, lastAnswer, error } = props;
  const [typed, setTyped] = useState(savedHost ?? "");
  const [invalid, setInvalid] = useState<string | null>(null);
  const recheck = useEffectEvent(() => {
    if (savedHost && !checking && document.visibilityState === "visible") props.onCheck(savedHost);
  });
  useEffect(() => {
    if (!canAct || !hasRun || !savedHost) return;
    const timer = setInterval(recheck, RECHECK_MS);
    return () => clearInterval(timer);
  }, [canAct, hasRun, savedHost]);

  if (!canAct)
    return (
      <p className="text-sm text-slate-700" data-testid="qnetd-host">
        qnetd host: <code>{savedHost ?? "not typed yet"}</code>
      </p>
    );
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = qnetdHostSchema.safeParse(typed);
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message ?? "not a host");
      return;
    }
    setInvalid(null);
    if (parsed.data !== savedHost || !hasRun) props.onSave(parsed.data);
    else props.onCheck(parsed.data);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-1" data-testid="qnetd-host-form">
      <label htmlFor="qnetd-host" className="text-sm font-semibold">
        qnetd host (the external machine&apos;s address, as the nodes reach it)
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id="qnetd-host"
          name="host"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder="10.0.0.5"
          autoComplete="off"
          className="w-64 rounded border border-slate-300 p-2 font-mono"
        />
        <button
          type="submit"
          disabled={busy || checking}
          className="rounded bg-slate-900 px-3 py-2 font-semibold text-white disabled:opacity-50"
        >
          {!hasRun
            ? "Start setup"
            : typed.trim() === savedHost
              ? "Check TCP 5403 now"
              : "Use this host"}
        </button>
      </div>
      <p className="text-xs text-slate-500" role="status" data-testid="reachability-status">
        {invalid ??
          error ??
          (checking
            ? `Checking ${savedHost ?? typed}:5403 from this server…`
            : lastAnswer
              ? lastAnswer.reachable
                ? `${lastAnswer.host}:5403 answered in ${lastAnswer.ms ?? "?"} ms.`
                : `${lastAnswer.host}:5403: ${lastAnswer.error ?? "no answer"}.`
              : "This server checks TCP 5403 on this host only, with a 2 s timeout.")}
      </p>
    </form>
  );
}
