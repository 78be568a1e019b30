# The tiny pipeline configuration of the tests (sourced by lib.sh and slurm.sh).
# A tiny configuration: the demo data with short horizons, few models, few
# generations and epochs. Paths are absolute (the tests run in $WORK).
write_tiny_ini() {
  cat >"$1" <<INI
[run]
seed = 11
[pipeline]
plants = 2
recommend_eco = plan
eco_weight = 0.4
eco_categories = cat0=oat-milk-1l, cat1=organic-coffee-500g, cat2=bamboo-toothbrush, cat3=reusable-bottle, cat4=led-bulb-9w, cat5=solar-charger
[forecast]
input = $SRC/inputs/demo/forecast/demand_weekly.csv
horizon = 4
period = 52
models = naive,snaive,ses,theta
[plan]
grid = col:emissions:cost=0,100
chunk = 2
save = 4,1
[supply]
input = $SRC/inputs/demo/pipeline/sites.csv
customers = $SRC/inputs/demo/pipeline/customers.csv
carbon_price = 1
islands = 4
population = 10
generations = 12
migration_interval = 3
[recommend]
input = $SRC/inputs/demo/recommend/ratings.csv
items = $SRC/inputs/demo/recommend/items.csv
model = als
factors = 4
epochs = 2
split = time
topk = 5
INI
}
