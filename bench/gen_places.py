# gen_places.py N [SEED]: ACLED-like incidents as CSV on stdout: many incidents at
# 200 places in and around Iraq, mixed types (the pictures of docs/rendering.md).
import random, sys
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
n = int(sys.argv[1])
types = [("Battles","Armed clash"),("Explosions/Remote violence","Remote explosive/landmine/IED"),
 ("Explosions/Remote violence","Air/drone strike"),("Violence against civilians","Attack"),
 ("Protests","Peaceful protest"),("Riots","Violent demonstration"),("Strategic developments","Arrests")]
w = [3,5,2,3,4,1,1]
places = [(random.uniform(39.5,47.5), random.uniform(29.5,37)) for _ in range(200)]
prov = ["Baghdad","Basra","Nineveh","Kirkuk","Diyala","Anbar","Salah al-Din","Erbil"]
print("id,event_date,event_type,sub_event_type,place,admin1,country,latitude,longitude,fatalities,injuries,geo_precision")
for i in range(n):
    k = min(int(random.paretovariate(1.1)) - 1, 199)
    lon, lat = places[k]
    t = random.choices(types, w)[0]
    d = "2024-%02d-%02d" % (random.randint(1,6), random.randint(1,28))
    f = random.choice([0,0,0,1,2,3,5,10,""])
    print(f"x{i},{d},{t[0]},{t[1]},P{k},{prov[k%8]},IQ,{lat:.4f},{lon:.4f},{f},,1")
