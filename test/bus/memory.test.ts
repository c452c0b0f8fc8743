import * as MemoryTransport from "../../bus/MemoryTransport.ts"
import { busLayer } from "../support/busFixtures.ts"
import { conformance } from "./conformance.ts"

conformance("memory", () => busLayer(MemoryTransport.layer))
