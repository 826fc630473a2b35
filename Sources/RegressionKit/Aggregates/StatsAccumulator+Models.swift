/// A version's use of each model (`model_name`) per step: records and tokens in one flat array, step i's
/// use of model m at `i * modelSlots + m`, changed once per record.
extension VersionAccumulator {
    /// Counts a record of step `i` served by model number `m`, with its tokens (0 or nil: unknown).
    mutating func use(step i: Int, model m: Int, tokens: Int?) {
        if m >= modelSlots { widenModelSlots(to: m + 1) }
        let k = i * modelSlots + m
        if k >= modelUse.count { modelUse += repeatElement(ModelUse(), count: (i + 1) * modelSlots - modelUse.count) }
        modelUse[k].records += 1
        modelUse[k].tokens += max(tokens ?? 0, 0)
    }

    /// Step i's use of model m (empty when none).
    func modelUse(step i: Int, model m: Int) -> ModelUse {
        let k = i * modelSlots + m
        return m < modelSlots && k < modelUse.count ? modelUse[k] : ModelUse()
    }

    /// Room for `count` models per step (a log with more models than expected: rare).
    mutating func widenModelSlots(to count: Int) {
        let slots = Swift.max(count, modelSlots * 2)
        var wider = [ModelUse](repeating: ModelUse(), count: (modelUse.count / modelSlots) * slots)
        for (k, use) in modelUse.enumerated() { wider[(k / modelSlots) * slots + k % modelSlots] = use }
        modelUse = wider
        modelSlots = slots
    }
}
