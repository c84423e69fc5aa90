namespace Agentic.LlmGateway.RateLimiting;

/// <summary>
/// The Lua scripts behind every decision and settlement, each one EVALSHA (StackExchange.Redis caches the
/// script's SHA and falls back to EVAL after a server restart): a decision alone, a batch of decisions of
/// one hash tag, a settlement.
/// </summary>
/// <remarks>
/// Algorithm: GCRA (generic cell rate algorithm). Each limit is one number in Redis, its theoretical
/// arrival time (TAT, microseconds since <see cref="EpochMicros"/>): a call costing c units at an emission
/// interval T fits when max(TAT, now) + c·T − now ≤ capacity·T, and then TAT moves to max(TAT, now) + c·T.
/// That is exactly a continuously refilling token bucket, but with one value per limit instead of two
/// (level and last refill), no refill arithmetic, an exact Retry-After (the overshoot in time), a natural
/// key expiry (the TAT itself) and trivially atomic multi-limit checks. Refunds and extra charges move the
/// TAT back or forward.
/// KEYS[1] is the clock anchor (client-clock mode only); KEYS[2..] are the limits.
/// ARGV: clock mode ('s' server TIME, 'c' client), client now, max skew (µs), anchor window (ms), then per
/// limit: interval (µs), capacity (µs), cost (units) for acquire, or the TAT delta (µs) for settle.
/// </remarks>
internal static class GcraScripts
{
    /// <summary>Times are microseconds since 2023-11-14T22:13:20Z so doubles keep sub-microsecond precision.</summary>
    public const long EpochMicros = 1_700_000_000L * 1_000_000L;

    /// <summary>How long the client-clock anchor lives between refreshes (ms); it is refreshed every half window.</summary>
    public const long ClockWindowMillis = 60_000;

    // In client mode Redis keeps its own clock without TIME: the anchor key's value is a time and its
    // remaining PTTL tells how much server time has passed since it was written. A gateway's clock is used
    // only within MaxClockSkew of that estimate, so one fast or slow clock cannot hand out extra capacity.
    private const string Clock = """
        local function now_micros()
          if ARGV[1] == 's' then
            local t = redis.call('TIME')
            return tonumber(t[1]) * 1000000 + tonumber(t[2]) - 1700000000000000
          end
          local client = tonumber(ARGV[2])
          local skew = tonumber(ARGV[3])
          local window = tonumber(ARGV[4])
          local anchor = redis.call('GET', KEYS[1])
          local pttl = redis.call('PTTL', KEYS[1])
          if anchor and pttl > 0 then
            local age = window - pttl
            local est = tonumber(anchor) + age * 1000
            if age * 2 > window then
              redis.call('SET', KEYS[1], string.format('%.0f', est), 'PX', window)
            end
            if client < est - skew then return est - skew end
            if client > est + skew then return est + skew end
            return client
          end
          redis.call('SET', KEYS[1], string.format('%.0f', client), 'PX', window)
          return client
        end
        """;

    // The GCRA check and the TAT's storage, shared by every script. A limit at `level` µs (its TAT minus now) takes
    // a call of `need` µs when level + need <= cap; otherwise the call waits until enough has drained. A call larger
    // than the whole capacity waits for an empty bucket and then passes alone (it could never fit otherwise).
    private const string Gcra = """

        local function read_tat(key, now)
          local tat = tonumber(redis.call('GET', key) or now)
          if tat < now then tat = now end
          return tat
        end
        local function gcra_wait(level, need, cap)
          if level + need <= cap then return 0 end
          if need > cap then return level end
          return level + need - cap
        end
        local function store_tat(key, tat, now)
          redis.call('SET', key, string.format('%.3f', tat), 'PX', math.ceil((tat - now) / 1000) + 1000)
        end
        """;

    /// <summary>Checks every limit; reserves on all of them only when all admit. Returns {allowed, retry µs, level µs per limit}.</summary>
    public const string Acquire = Clock + Gcra + """

        local now = now_micros()
        local n = #KEYS - 1
        local tats = {}
        local retry = 0
        for i = 1, n do
          local a = 4 + (i - 1) * 3
          local interval = tonumber(ARGV[a + 1])
          local tat = read_tat(KEYS[i + 1], now)
          tats[i] = tat
          local wait = gcra_wait(tat - now, tonumber(ARGV[a + 3]) * interval, tonumber(ARGV[a + 2]))
          if wait > retry then retry = wait end
        end
        local result = {0, 0}
        if retry > 0 then
          result[2] = math.ceil(retry)
          for i = 1, n do result[i + 2] = string.format('%.0f', tats[i] - now) end
          return result
        end
        result[1] = 1
        for i = 1, n do
          local a = 4 + (i - 1) * 3
          local tat = tats[i] + tonumber(ARGV[a + 3]) * tonumber(ARGV[a + 1])
          if tat > now then store_tat(KEYS[i + 1], tat, now) end
          result[i + 2] = string.format('%.0f', tat - now)
        end
        return result
        """;

    /// <summary>
    /// Several decisions of one hash tag in one call, decided in order exactly as <see cref="Acquire"/> run
    /// once per decision at the same instant would decide them: each limit's TAT is read once, updated in a
    /// Lua table as decisions admit (rounded as a SET and GET would round it), and written once at the end.
    /// KEYS[2..] are the batch's distinct limits. ARGV after the clock: the decision count, then per decision
    /// its limit count and per limit the KEYS index, interval (µs), capacity (µs) and cost (units).
    /// Returns, per decision in order, {allowed, retry µs, level µs per limit}, flattened.
    /// </summary>
    public const string AcquireBatch = Clock + Gcra + """

        local now = now_micros()
        local tats = {}
        for k = 2, #KEYS do
          tats[k] = read_tat(KEYS[k], now)
        end
        local written = {}
        local result = {}
        local r = 0
        local a = 6
        for d = 1, tonumber(ARGV[5]) do
          local n = tonumber(ARGV[a])
          local retry = 0
          for i = 0, n - 1 do
            local b = a + 1 + i * 4
            local need = tonumber(ARGV[b + 3]) * tonumber(ARGV[b + 1])
            local wait = gcra_wait(tats[tonumber(ARGV[b])] - now, need, tonumber(ARGV[b + 2]))
            if wait > retry then retry = wait end
          end
          if retry > 0 then
            result[r + 1] = 0
            result[r + 2] = math.ceil(retry)
            for i = 0, n - 1 do
              result[r + 3 + i] = string.format('%.0f', tats[tonumber(ARGV[a + 1 + i * 4])] - now)
            end
          else
            result[r + 1] = 1
            result[r + 2] = 0
            for i = 0, n - 1 do
              local b = a + 1 + i * 4
              local k = tonumber(ARGV[b])
              local tat = tats[k] + tonumber(ARGV[b + 3]) * tonumber(ARGV[b + 1])
              result[r + 3 + i] = string.format('%.0f', tat - now)
              if tat > now then
                tats[k] = tonumber(string.format('%.3f', tat))
                written[k] = true
              end
            end
          end
          r = r + 2 + n
          a = a + 1 + n * 4
        end
        for k = 2, #KEYS do
          if written[k] then store_tat(KEYS[k], tats[k], now) end
        end
        return result
        """;

    /// <summary>Moves each limit's TAT by its delta (negative refunds, positive charges extra).</summary>
    public const string Settle = Clock + Gcra + """

        local now = now_micros()
        for i = 1, #KEYS - 1 do
          local tat = read_tat(KEYS[i + 1], now) + tonumber(ARGV[4 + i])
          if tat > now then
            store_tat(KEYS[i + 1], tat, now)
          else
            redis.call('DEL', KEYS[i + 1])
          end
        end
        return 1
        """;
}
