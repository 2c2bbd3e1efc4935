import { notFound } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { profileFor } from "@/lib/usage/budgets";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ profile: string }>({}, async ({ db, principal, params }) => {
  const profile = await profileFor(db, principal.projectId, params.profile);
  if (!profile) throw notFound(`agent profile ${params.profile}`);
  return Response.json(profile);
});
