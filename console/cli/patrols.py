"""`python main.py patrols --broker mqtt://127.0.0.1:1883`: publish realistic patrols of the demo
district's grid workers over MQTT (retained fixes, one topic per worker), headless."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("patrols", help="publish simulated grid-worker patrols (positions) to an MQTT broker")
    p.add_argument("--broker", default="mqtt://127.0.0.1:1883", help="MQTT broker URL (default mqtt://127.0.0.1:1883)")
    p.add_argument("--room", default="yg", help="room id in the topic grid/<room>/workers/<id>/position (default yg)")
    p.add_argument("--interval", type=float, default=10.0, help="seconds between a worker's fixes (default 10)")
    p.add_argument("--duration", type=float, default=None, help="stop after this many seconds (default: run until Ctrl+C)")
    p.add_argument("--seed", type=int, default=7, help="route seed")
    p.add_argument("--off-duty-after", type=float, default=600.0,
                   help="seconds until one worker goes off duty (default 600)")
    p.add_argument("--district", default=None, help="district directory (default resources/demo)")
    p.add_argument("--mqtt-user", metavar="NAME", default=None, help="user name on the broker")
    p.add_argument("--mqtt-password-file", metavar="FILE", default=None, help="file whose first line is the password")
    p.add_argument("--mqtt-tls-ca", metavar="FILE", default=None, help="TLS, trusting the CA certificates in FILE (PEM)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from console.domain.district import DistrictError, load_district
    from console.domain.patrol_sim import PatrolSim
    from console.net.mqtt import (
        BrokerUrlError,
        MqttAuth,
        MqttAuthError,
        MqttPublisher,
        broker_reachable,
        parse_broker,
        refusal,
    )
    from console.net.patrols import run_patrols

    err = sys.stderr.write
    if not args.interval > 0:
        err("patrols: --interval must be positive\n")
        return 2
    try:
        parse_broker(args.broker)
        auth = MqttAuth.from_options(args.broker, username=args.mqtt_user, password_file=args.mqtt_password_file,
                                     tls_ca=args.mqtt_tls_ca)
    except (BrokerUrlError, MqttAuthError) as exc:
        err(f"patrols: {exc}\n")
        return 2
    try:
        district = load_district(Path(args.district) if args.district else DEMO_DIR)
    except DistrictError as exc:
        err(f"patrols: district data: {exc}\n")
        return 2
    sim = PatrolSim(district, seed=args.seed, start=datetime.now(UTC), interval_s=args.interval,
                    off_duty_after_s=args.off_duty_after)

    async def main() -> int:
        if not await broker_reachable(args.broker, wait_s=3.0):
            err(f"patrols: cannot connect to {args.broker}: is the MQTT broker running?\n")
            return 4
        try:
            pub = MqttPublisher(args.broker, auth=auth)
            await pub.connect()
        except Exception as exc:  # aiomqtt.MqttError: refused credentials, a TLS failure
            err(f"patrols: {args.broker}: {refusal(exc)[1]}\n")
            return 4
        async with pub:
            print(f"patrols: {len(sim.walkers)} workers publishing to {args.broker} every {args.interval:g} s "
                  f"(topic grid/{args.room}/workers/<id>/position)", flush=True)
            sent = await run_patrols(sim, pub.publish, room=args.room, interval_s=args.interval,
                                     duration_s=args.duration)
        print(f"patrols: {sent} fixes published", flush=True)
        return 0

    return asyncio.run(main())
